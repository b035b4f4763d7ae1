import { Link, useParams } from 'react-router-dom'
import { Button, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import i18n from '../../i18n'
import { useVenue, useVenueCode } from '../../api/venues'
import { ErrorAlert } from '../../components/ErrorAlert'
import { PageLoading } from '../../components/PageLoading'
import { QrCode } from '../../components/QrCode'

/** A4 portrait; the toolbar is not printed. */
const PRINT_CSS = `
@page { size: A4 portrait; margin: 12mm; }
@media print {
  .poster-toolbar { display: none !important; }
  body { background: #fff !important; }
  .poster-sheet { box-shadow: none !important; margin: 0 !important; }
}
`

/**
 * The venue's poster (场所码海报): a large QR of the signed venue code, the venue's name and
 * the instructions in both languages, whatever the console's language. Printed, or saved as
 * PDF, from the browser.
 */
export default function VenuePosterPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const venue = useVenue(id)
  const code = useVenueCode(id)
  if (venue.isPending || code.isPending) return <PageLoading />
  if (venue.isError) return <ErrorAlert error={venue.error} />
  if (code.isError) return <ErrorAlert error={code.error} />
  const zh = i18n.getFixedT('zh-CN')
  const en = i18n.getFixedT('en')
  const v = venue.data
  return (
    <div style={{ background: '#f0f0f0', minHeight: '100vh', padding: 16 }}>
      <style>{PRINT_CSS}</style>
      <Space className="poster-toolbar" style={{ marginBottom: 16 }}>
        <Link to={`/venues/${v.id}`}>
          <Button>← {t('venues.backToVenue')}</Button>
        </Link>
        <Button
          type="primary"
          onClick={() => {
            window.print()
          }}
          data-testid="poster-print"
        >
          {t('venues.print')}
        </Button>
      </Space>
      <div
        className="poster-sheet"
        data-testid="venue-poster"
        style={{
          width: '186mm',
          minHeight: '270mm',
          margin: '0 auto',
          background: '#fff',
          boxShadow: '0 4px 16px rgba(0,0,0,0.15)',
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'center',
          justifyContent: 'space-between',
          padding: '14mm 12mm',
          boxSizing: 'border-box',
          textAlign: 'center',
          fontFamily: 'system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif',
        }}
      >
        <div>
          <div style={{ fontSize: '15mm', fontWeight: 800, color: '#1677ff', lineHeight: 1.2 }}>
            {zh('venues.posterInstruction')}
          </div>
          <div style={{ fontSize: '7mm', fontWeight: 600, color: '#1677ff', marginTop: '2mm' }}>
            {en('venues.posterInstruction')}
          </div>
        </div>
        <div style={{ width: '140mm' }}>
          <QrCode text={code.data.code} size={1000} label={zh('venues.codeLabel', { name: v.name })} />
        </div>
        <div>
          <div style={{ fontSize: '11mm', fontWeight: 700 }} data-testid="poster-venue-name">
            {v.name}
          </div>
          <div style={{ fontSize: '5mm', color: '#595959', marginTop: '2mm' }}>
            {zh(`venues.kinds.${v.kind}`)} · {en(`venues.kinds.${v.kind}`)} · {v.regionName}
          </div>
          <div style={{ fontSize: '5mm', color: '#8c8c8c', marginTop: '4mm' }}>
            {zh('venues.posterFooter')} / {en('venues.posterFooter')}
          </div>
        </div>
      </div>
    </div>
  )
}
