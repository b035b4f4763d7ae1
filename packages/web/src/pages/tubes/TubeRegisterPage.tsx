import { useState } from 'react'
import { Alert, App, Button, Card, Form, Input, List, Radio, Space, Tag, Typography } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { TubeRoutes, type TubeDetail } from '@lianfang/contracts'
import { call } from '../../api/call'
import { useMe } from '../../api/queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { RegionName } from '../../components/RegionName'

/** Pool sizes a tester may choose (POOL.MODES); the server refuses one the area does not allow (POOL.WHO). */
const SIZES = [1, 5, 10, 20] as const

/**
 * 样本管登记 (mobile first): scan the tube's barcode, choose the pool size, register; then scan
 * each person's health code (or type an ID number for someone without a phone) and close the
 * tube. The form starts empty; the area defaults to the tester's own region.
 */
export default function TubeRegisterPage() {
  const { t } = useTranslation()
  const { modal } = App.useApp()
  const me = useMe().data
  const [barcode, setBarcode] = useState('')
  const [poolSize, setPoolSize] = useState<number | undefined>()
  const [region, setRegion] = useState<string | undefined>()
  const [tube, setTube] = useState<TubeDetail | undefined>()
  const [member, setMember] = useState('')
  const regionCode = region ?? me?.regionCode
  const create = useMutation({
    mutationFn: () =>
      call(TubeRoutes.create, {
        body: { barcode: barcode.trim(), poolSize: poolSize ?? 0, regionCode: regionCode ?? '' },
      }),
    onSuccess: setTube,
  })
  const add = useMutation({
    mutationFn: (text: string) => {
      const body = text.startsWith('LF1:') ? { healthCode: text } : { personIdNumber: text }
      return call(TubeRoutes.addMember, { params: { id: tube?.id ?? '' }, body })
    },
    onSuccess: (t2) => {
      setTube(t2)
      setMember('')
    },
  })
  const close = useMutation({
    mutationFn: () => call(TubeRoutes.close, { params: { id: tube?.id ?? '' } }),
    onSuccess: setTube,
  })
  const restart = () => {
    setTube(undefined)
    setBarcode('')
    setPoolSize(undefined)
    setMember('')
    create.reset()
    add.reset()
    close.reset()
  }
  const submitMember = () => {
    const text = member.trim()
    if (text) add.mutate(text)
  }

  if (!tube)
    return (
      <Card title={t('tubes.register.title')} data-testid="tube-register">
        <Alert type="info" showIcon title={t('tubes.register.explain')} style={{ marginBottom: 16 }} />
        <Form
          layout="vertical"
          style={{ maxWidth: 480 }}
          onFinish={() => {
            create.mutate()
          }}
        >
          <Form.Item label={t('tubes.barcode')} required>
            <Input
              data-testid="tube-barcode"
              value={barcode}
              autoFocus
              maxLength={64}
              onChange={(e) => {
                setBarcode(e.target.value)
              }}
              placeholder={t('tubes.register.barcodePlaceholder')}
            />
          </Form.Item>
          <Form.Item label={t('tubes.poolSize')} required extra={t('tubes.register.poolHint')}>
            <Radio.Group
              data-testid="tube-pool-size"
              value={poolSize}
              onChange={(e) => {
                setPoolSize(e.target.value as number)
              }}
              options={SIZES.map((s) => ({ value: s, label: t('tubes.poolOption', { n: String(s) }) }))}
            />
          </Form.Item>
          <Form.Item label={t('tubes.area')}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <RegionName code={regionCode} name={region ? null : (me?.regionName ?? null)} />
              <RegionTreeSelect value={region} onChange={setRegion} testId="tube-region" />
            </Space>
          </Form.Item>
          {create.isError && <ErrorAlert error={create.error} />}
          <Button
            type="primary"
            htmlType="submit"
            data-testid="tube-create"
            disabled={!barcode.trim() || poolSize === undefined || !regionCode}
            loading={create.isPending}
          >
            {t('tubes.register.create')}
          </Button>
        </Form>
      </Card>
    )

  const open = tube.status === 'open'
  const full = tube.members >= tube.poolSize
  return (
    <Card
      title={t('tubes.register.tubeTitle', { barcode: tube.barcode })}
      extra={<Tag data-testid="tube-status">{t(`tubes.status.${tube.status}`)}</Tag>}
      data-testid="tube-card"
    >
      <Typography.Paragraph data-testid="tube-count">
        {t('tubes.register.count', { n: String(tube.members), size: String(tube.poolSize) })}
      </Typography.Paragraph>
      {open && !full && (
        <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
          <Input
            data-testid="tube-member"
            value={member}
            autoFocus
            maxLength={4096}
            placeholder={t('tubes.register.memberPlaceholder')}
            onChange={(e) => {
              setMember(e.target.value)
            }}
            onPressEnter={submitMember}
          />
          <Button
            type="primary"
            data-testid="tube-add"
            disabled={!member.trim()}
            loading={add.isPending}
            onClick={submitMember}
          >
            {t('tubes.register.add')}
          </Button>
        </Space.Compact>
      )}
      {add.isError && <ErrorAlert error={add.error} />}
      {close.isError && <ErrorAlert error={close.error} />}
      <List
        data-testid="tube-members"
        dataSource={tube.memberList}
        locale={{ emptyText: t('tubes.register.noMembers') }}
        renderItem={(m) => (
          <List.Item key={m.personId}>
            {m.name} · {m.idNumberMasked}
          </List.Item>
        )}
      />
      <Space style={{ marginTop: 12 }}>
        {open && (
          <Button
            data-testid="tube-close"
            disabled={tube.members === 0}
            loading={close.isPending}
            onClick={() =>
              void modal.confirm({
                title: t('tubes.register.closeTitle'),
                content: t('tubes.register.closeText', { n: String(tube.members) }),
                okText: t('tubes.register.close'),
                cancelText: t('common.cancel'),
                onOk: () => {
                  close.mutate()
                },
              })
            }
          >
            {t('tubes.register.close')}
          </Button>
        )}
        <Button data-testid="tube-next" onClick={restart}>
          {t('tubes.register.next')}
        </Button>
      </Space>
    </Card>
  )
}
