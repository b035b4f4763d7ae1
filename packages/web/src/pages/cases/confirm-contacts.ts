import type { useAppProps } from 'antd/es/app/context'
import type { TFunction } from 'i18next'

type Modal = useAppProps['modal']

/**
 * Confirming contacts turns codes red and orders quarantine at once (CC.OBS, CC2.OBS): ask first,
 * saying how many of one's own region are isolated now and how many of other regions get a 协查
 * request instead.
 */
export function askToConfirmContacts(
  modal: Modal,
  t: TFunction,
  people: readonly { otherRegion: boolean }[],
  degree: 'close' | 'secondary',
  onOk: () => void,
): void {
  const other = people.filter((p) => p.otherRegion).length
  void modal.confirm({
    title: t(`investigation.ask.title_${degree}`, { count: people.length }),
    content: t('investigation.ask.content', { mine: people.length - other, other }),
    okText: t('investigation.ask.ok'),
    okButtonProps: { danger: true, 'data-testid': 'contacts-confirm-ok' },
    cancelText: t('common.cancel'),
    onOk,
  })
}
