import type { CSSProperties } from 'react'
import { Input, Space, TreeSelect } from 'antd'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../api/client'
import { useLazyRegionTree, type LazyRegion, type RegionSource } from './use-lazy-region-tree'

interface SelectNode {
  value: string
  title: string
  isLeaf: boolean
  children?: SelectNode[]
}

function toSelectNode(nodes: ReadonlyMap<string, LazyRegion>, code: string): SelectNode | undefined {
  const node = nodes.get(code)
  if (node === undefined) return undefined
  const out: SelectNode = { value: node.code, title: node.name, isLeaf: node.children?.length === 0 }
  if (node.children !== null && node.children.length > 0) {
    out.children = node.children.flatMap((c) => toSelectNode(nodes, c) ?? [])
  }
  return out
}

/**
 * A region picker loading one level at a time: the user's subtree (`scoped`), or the node's
 * whole tree for citizens (`public`, with a box to type the code as well). Should the public
 * tree be unavailable, only the code box shows, so a citizen is never stuck. Works as a controlled antd form field.
 */
export function RegionTreeSelect({
  value,
  onChange,
  style,
  source = 'scoped',
  placeholder,
  testId = 'persons-region',
}: {
  value?: string | undefined
  onChange?: (code: string | undefined) => void
  style?: CSSProperties
  source?: RegionSource
  placeholder?: string
  testId?: string
}) {
  const { t } = useTranslation()
  const tree = useLazyRegionTree(source)
  const root = tree.rootCode === undefined ? undefined : toSelectNode(tree.nodes, tree.rootCode)
  const unavailable = isApiError(tree.error) && [401, 403, 404].includes(tree.error.status)
  const codeInput = (
    <Input
      allowClear
      inputMode="numeric"
      maxLength={12}
      placeholder={t('regionPicker.codePlaceholder')}
      value={value ?? ''}
      onChange={(e) => {
        const code = e.target.value.replace(/\D/g, '')
        onChange?.(code === '' ? undefined : code)
      }}
      {...(style === undefined ? {} : { style })}
      data-testid={`${testId}-code`}
    />
  )
  if (source === 'public' && unavailable) return codeInput
  const select = (
    <TreeSelect<string | null>
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder ?? t('persons.regionFilter')}
      loading={tree.loading}
      value={value ?? null}
      onChange={(v) => {
        onChange?.(v ?? undefined)
      }}
      treeData={root === undefined ? [] : [root]}
      treeDefaultExpandedKeys={tree.rootCode === undefined ? [] : [tree.rootCode]}
      loadData={(node) => {
        const code = typeof node.value === 'string' ? node.value : undefined
        if (code === undefined || tree.nodes.get(code)?.children !== null) return Promise.resolve()
        return tree.loadChildren(code)
      }}
      popupMatchSelectWidth={false}
      {...(style === undefined ? {} : { style })}
      data-testid={testId}
    />
  )
  // Citizens may also type the code they were told (a community's 12 digits).
  if (source === 'public') {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {select}
        {codeInput}
      </Space>
    )
  }
  return select
}
