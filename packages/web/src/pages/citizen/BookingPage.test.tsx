import { describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { SamplingRoutes, type Booking, type SamplingSite, type Slot } from '@lianfang/contracts'
import { errorReply, installFakeApi, type FakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import BookingPage from './BookingPage'

const WAIT = { timeout: 5000 }
const SITE: SamplingSite = {
  id: '7',
  regionCode: '420106001001',
  regionName: '社区一',
  name: '人民路采样点',
  address: '人民路 1 号',
  openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], from: '08:00', to: '11:00' }],
  capacityPerHour: 2,
  active: true,
  createdAt: '2026-12-01T00:00:00.000Z',
}
const future = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString()

function serve(api: FakeApi, slots: Slot[]) {
  const bookings: Booking[] = []
  api.route(SamplingRoutes.mySites, () => [SITE])
  api.route(SamplingRoutes.myBookings, () => ({ items: [...bookings] }))
  api.route(SamplingRoutes.mySlots, ({ query }) => ({
    siteId: SITE.id,
    date: query.get('date') ?? '',
    slots,
  }))
  api.route(SamplingRoutes.book, ({ body }) => {
    if (body.slotStart === slots[1]?.start) return errorReply(409, 'SLOT_FULL', 'this slot is fully booked')
    const b: Booking = {
      id: '31',
      siteId: body.siteId,
      siteName: SITE.name,
      siteAddress: SITE.address,
      slotStart: body.slotStart,
      code: 'BK7Q2M4X9ZPA',
      status: 'booked',
      sampledAt: null,
      createdAt: new Date().toISOString(),
    }
    bookings.push(b)
    return b
  })
  api.route(SamplingRoutes.cancelBooking, ({ params }) => {
    const b = bookings.find((x) => x.id === params.id)
    if (!b) return errorReply(404, 'NOT_FOUND', 'no booking')
    b.status = 'cancelled'
    return b
  })
}

const pickSite = async () => {
  const select = await screen.findByTestId('booking-site', {}, WAIT)
  fireEvent.mouseDown(select.querySelector('.ant-select-selector') ?? select)
  fireEvent.click(await screen.findByText(/人民路采样点/, {}, WAIT))
}

describe('BookingPage (TEST.WILL 愿检尽检)', () => {
  it('starts with nothing chosen; books a free slot and shows the code as a QR and as text; cancels after asking', async () => {
    const api = installFakeApi()
    serve(api, [
      { start: future(1), capacity: 2, free: 1, bookable: true },
      { start: future(2), capacity: 2, free: 2, bookable: true },
      { start: future(-2), capacity: 2, free: 2, bookable: false },
    ])
    renderPage(api, <BookingPage />, { url: '/me/booking', path: '/me/booking', role: 'citizen' })
    expect((await screen.findByTestId('booking-submit', {}, WAIT)).hasAttribute('disabled')).toBe(true)
    expect(screen.queryByTestId('booking-slots')).toBeNull()
    await pickSite()
    const slots = await screen.findByTestId('booking-slots', {}, WAIT)
    await waitFor(() => {
      expect(within(slots).getAllByRole('radio')).toHaveLength(3)
    }, WAIT)
    expect(slots.textContent).toContain('余 1 个')
    expect(slots.textContent).toContain('已过')
    const [first, , over] = within(slots).getAllByRole('radio') as [
      HTMLInputElement,
      HTMLInputElement,
      HTMLInputElement,
    ]
    expect(over.disabled).toBe(true)
    fireEvent.click(first)
    fireEvent.click(screen.getByTestId('booking-submit'))
    const code = await screen.findByTestId('booking-code', {}, WAIT)
    expect(code.textContent).toContain('BK7Q2M4X9ZPA')
    expect(screen.getByTestId('qr-code').getAttribute('data-qr')).toBe('BK7Q2M4X9ZPA')
    expect(api.requests.find((r) => r.path === '/api/me/bookings' && r.method === 'POST')?.body).toEqual({
      siteId: '7',
      slotStart: expect.any(String) as string,
    })
    // Cancelling asks first.
    fireEvent.click(screen.getByTestId('booking-cancel-31'))
    fireEvent.click(await screen.findByTestId('booking-cancel-31-confirm', {}, WAIT))
    fireEvent.click(await screen.findByTestId('booking-cancel-31-confirm-danger', {}, WAIT))
    await waitFor(() => {
      expect(screen.getByTestId('booking-31').textContent).toContain('已取消')
    }, WAIT)
  })

  it('says in Chinese when the slot was taken meanwhile (409 SLOT_FULL)', async () => {
    const api = installFakeApi()
    serve(api, [
      { start: future(1), capacity: 2, free: 1, bookable: true },
      { start: future(2), capacity: 2, free: 1, bookable: true },
    ])
    renderPage(api, <BookingPage />, { url: '/me/booking', path: '/me/booking', role: 'citizen' })
    await pickSite()
    const slots = await screen.findByTestId('booking-slots', {}, WAIT)
    await waitFor(() => {
      expect(within(slots).getAllByRole('radio')).toHaveLength(2)
    }, WAIT)
    fireEvent.click(within(slots).getAllByRole('radio')[1] as HTMLElement)
    fireEvent.click(screen.getByTestId('booking-submit'))
    expect(await screen.findByText('该时段已约满，请选择其他时段。', {}, WAIT)).toBeTruthy()
  })
})
