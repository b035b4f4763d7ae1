import { Select, type SelectProps } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { LEGACY_LOCAL_GROUP, MUST_TEST_GROUPS } from '@lianfang/core'
import { KeyGroupRoutes } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { currentLanguage } from '../../i18n'
import { useCan } from '../../layout/Guards'

/**
 * The key groups a person can be put in (`PUT /api/key-groups`): those of `GET /api/key-groups` —
 * national (TEST.MUST) and the local groups of the user's region (TEST.WILL) — by name in the
 * console's language, a local one with its region. A role that records facts but may not read the
 * groups (`keygroup:read`) gets the national groups by their catalogue names.
 */
function useKeyGroupOptions(): { options: { value: string; label: string }[]; loading: boolean } {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const canRead = useCan('keygroup:read')
  const groups = useQuery({
    queryKey: queryKeyOf(KeyGroupRoutes.list),
    queryFn: () => call(KeyGroupRoutes.list),
    enabled: canRead,
  })
  if (!canRead)
    return {
      options: ([...MUST_TEST_GROUPS, LEGACY_LOCAL_GROUP] as const).map((g) => ({
        value: g,
        label: t(`keyGroup.${g}`),
      })),
      loading: false,
    }
  return {
    options: (groups.data?.items ?? []).map((g) => {
      const name = lang === 'zh-CN' ? g.nameZh : g.nameEn
      return {
        value: g.code,
        label: g.kind === 'local' && g.regionName !== null ? `${name} · ${g.regionName}` : name,
      }
    }),
    loading: groups.isPending,
  }
}

/** The group field of the key-group fact form (its value and onChange come from the Form.Item). */
export function KeyGroupSelect(props: Omit<SelectProps<string>, 'options' | 'loading'>) {
  const { options, loading } = useKeyGroupOptions()
  return <Select<string> {...props} options={options} loading={loading} />
}
