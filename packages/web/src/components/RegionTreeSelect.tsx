import type { CSSProperties } from 'react'
import { TreeSelect } from 'antd'
import { useTranslation } from 'react-i18next'
import { useLazyRegionTree, type LazyRegion } from './use-lazy-region-tree'

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

/** A region picker over the user's subtree, loading one level at a time. */
export function RegionTreeSelect({
  value,
  onChange,
  style,
}: {
  value: string | undefined
  onChange: (code: string | undefined) => void
  style?: CSSProperties
}) {
  const { t } = useTranslation()
  const tree = useLazyRegionTree()
  const root = tree.rootCode === undefined ? undefined : toSelectNode(tree.nodes, tree.rootCode)
  return (
    <TreeSelect<string | null>
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={t('persons.regionFilter')}
      loading={tree.loading}
      value={value ?? null}
      onChange={(v) => {
        onChange(v ?? undefined)
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
      data-testid="persons-region"
    />
  )
}
