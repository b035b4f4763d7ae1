import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { Form, Input } from 'antd'
import { ApiError } from '../../api/client'
import { MutationButton } from './MutationModal'

interface Values {
  phone: string
  reason: string
}

function show(mutationFn: (v: Values) => Promise<string>, confirm?: string) {
  const onSuccess = vi.fn()
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MutationButton<Values, string>
        buttonText="Change phone"
        buttonTestId="open"
        title="Change the phone"
        okText="Save"
        testId="phone"
        mutationFn={mutationFn}
        onSuccess={onSuccess}
        reason={{ label: 'Reason', requiredMessage: 'Give a reason', lengthMessage: '4 to 500' }}
        {...(confirm === undefined ? {} : { confirm })}
      >
        <Form.Item name="phone" label="Phone" rules={[{ required: true, message: 'Phone needed' }]}>
          <Input data-testid="phone-phone" />
        </Form.Item>
      </MutationButton>
    </QueryClientProvider>,
  )
  return onSuccess
}

const fill = (testId: string, value: string) => {
  fireEvent.change(screen.getByTestId(testId), { target: { value } })
}

describe('MutationModal', () => {
  it('validates, asks to confirm a dangerous action, then sends the values and closes', async () => {
    const sent: Values[] = []
    const onSuccess = show(async (v) => {
      sent.push(v)
      return 'done'
    }, 'This cannot be undone.')
    fireEvent.click(screen.getByTestId('open'))
    fireEvent.click(screen.getByTestId('phone-confirm'))
    expect(await screen.findByText('Phone needed')).toBeTruthy()
    expect(await screen.findByText('Give a reason')).toBeTruthy()

    fill('phone-phone', '13800000000')
    fill('phone-reason', 'ID card checked at the desk')
    fireEvent.click(screen.getByTestId('phone-confirm'))
    expect((await screen.findByTestId('phone-danger')).textContent).toContain('This cannot be undone.')
    expect(sent).toEqual([])

    fireEvent.click(screen.getByTestId('phone-confirm-danger'))
    await waitFor(() => {
      expect(onSuccess).toHaveBeenCalledWith('done', {
        phone: '13800000000',
        reason: 'ID card checked at the desk',
      })
    })
    expect(sent).toHaveLength(1)
  })

  it('puts a server error on the field its details name, and opens empty next time', async () => {
    show(() =>
      Promise.reject(new ApiError(400, 'VALIDATION_FAILED', 'phone is not plausible', { field: 'phone' })),
    )
    fireEvent.click(screen.getByTestId('open'))
    fill('phone-phone', '12345')
    fill('phone-reason', 'a good reason')
    fireEvent.click(screen.getByTestId('phone-confirm'))
    // The catalogue's words on the field (#16), never the server's English.
    expect(await screen.findByText('取值无效')).toBeTruthy()
    expect(screen.queryByText('phone is not plausible')).toBeNull()
    // On the field, so not repeated as a banner.
    expect(screen.queryByTestId('error-alert')).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: /取\s*消/ }))
    fireEvent.click(screen.getByTestId('open'))
    await waitFor(() => {
      expect(screen.getByTestId<HTMLInputElement>('phone-phone').value).toBe('')
    })
    expect(screen.queryByText('取值无效')).toBeNull()
  })

  it('maps schema validation problems (body/<field>) and shows other errors as a banner', async () => {
    let answer: ApiError = new ApiError(400, 'VALIDATION_FAILED', 'body/reason too short', [
      {
        path: 'body/reason',
        keyword: 'minLength',
        limit: 4,
        message: 'must NOT have fewer than 4 characters',
      },
    ])
    show(() => Promise.reject(answer))
    fireEvent.click(screen.getByTestId('open'))
    fill('phone-phone', '13800000000')
    fill('phone-reason', 'abcd')
    fireEvent.click(screen.getByTestId('phone-confirm'))
    expect(await screen.findByText('至少 4 个字符')).toBeTruthy()
    expect(screen.queryByText('must NOT have fewer than 4 characters')).toBeNull()

    answer = new ApiError(409, 'STALE_VERSION', 'changed meanwhile')
    fill('phone-reason', 'abcde')
    fireEvent.click(screen.getByTestId('phone-confirm'))
    expect((await screen.findByTestId('error-alert')).textContent).toContain('已被')
  })
})
