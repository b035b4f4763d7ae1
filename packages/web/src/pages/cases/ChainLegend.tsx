import type { CSSProperties } from 'react'
import { Flex, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

/** The key to the chain graph's shapes and colours. */
export function ChainLegend() {
  const { t } = useTranslation()
  const dot = (style: CSSProperties) => (
    <span style={{ display: 'inline-block', width: 12, height: 12, marginRight: 4, ...style }} />
  )
  return (
    <Flex gap={16} wrap style={{ marginTop: 8 }} data-testid="chains-legend">
      <Typography.Text strong>{t('chains.legend')}</Typography.Text>
      <span>
        {dot({ background: '#cf1322', borderRadius: 6 })}
        {t('chains.nodeKinds.case')}
      </span>
      <span>
        {dot({ background: '#1677ff', borderRadius: 2 })}
        {t('chains.nodeKinds.contact')}
      </span>
      <span>
        {dot({ background: '#722ed1', transform: 'rotate(45deg)' })}
        {t('chains.nodeKinds.cluster')}
      </span>
      <span>
        {dot({ background: '#d9d9d9', border: '1px dashed #8c8c8c', borderRadius: 6 })}
        {t('chains.otherRegion')}
      </span>
      <span style={{ color: '#cf1322' }}>→ {t('chains.edgeKinds.infected')}</span>
      <span style={{ color: '#69b1ff' }}>→ {t('chains.edgeKinds.contact')}</span>
      <span style={{ color: '#b37feb' }}>-- {t('chains.edgeKinds.member')}</span>
    </Flex>
  )
}
