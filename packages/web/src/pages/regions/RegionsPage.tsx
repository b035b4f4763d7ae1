import { useState } from 'react'
import { Card, Col, Descriptions, Empty, Row, Spin, Tag, Tree, Typography, type TreeDataNode } from 'antd'
import { Link } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useLazyRegionTree, type LazyRegion } from '../../components/use-lazy-region-tree'
import { useCan } from '../../layout/Guards'

function toTreeNode(
  nodes: ReadonlyMap<string, LazyRegion>,
  code: string,
  levelLabel: (r: LazyRegion) => string,
): TreeDataNode | undefined {
  const node = nodes.get(code)
  if (node === undefined) return undefined
  const out: TreeDataNode = {
    key: node.code,
    title: (
      <span data-testid={`region-${node.code}`}>
        {node.name} <Typography.Text type="secondary">{levelLabel(node)}</Typography.Text>
      </span>
    ),
    isLeaf: node.children?.length === 0,
  }
  if (node.children !== null && node.children.length > 0) {
    out.children = node.children.flatMap((c) => toTreeNode(nodes, c, levelLabel) ?? [])
  }
  return out
}

/** The user's region subtree, province → community, loaded level by level as it is opened. */
export default function RegionsPage() {
  const { t } = useTranslation()
  const tree = useLazyRegionTree()
  const canReadPersons = useCan('person:read')
  const [selected, setSelected] = useState<string>()
  const levelLabel = (r: LazyRegion) => t(`region.level.${r.level}`)
  const root = tree.rootCode === undefined ? undefined : toTreeNode(tree.nodes, tree.rootCode, levelLabel)
  const region = selected === undefined ? undefined : tree.nodes.get(selected)

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card title={t('regions.title')}>
          {tree.error !== null && <ErrorAlert error={tree.error} />}
          {tree.loading ? (
            <Spin />
          ) : root === undefined ? (
            <Empty />
          ) : (
            <Tree
              showLine
              treeData={[root]}
              defaultExpandedKeys={[root.key]}
              selectedKeys={selected === undefined ? [] : [selected]}
              onSelect={(keys) => {
                setSelected(typeof keys[0] === 'string' ? keys[0] : undefined)
              }}
              loadData={(node) => {
                const code = String(node.key)
                if (tree.nodes.get(code)?.children !== null) return Promise.resolve()
                return tree.loadChildren(code)
              }}
              data-testid="regions-tree"
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('regions.detail')}>
          {region === undefined ? (
            <Typography.Text type="secondary">{t('regions.selectHint')}</Typography.Text>
          ) : (
            <Descriptions column={1} size="small" data-testid="region-detail">
              <Descriptions.Item label={t('regions.name')}>{region.name}</Descriptions.Item>
              <Descriptions.Item label={t('regions.code')}>
                <Typography.Text code>{region.code}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('regions.level')}>{levelLabel(region)}</Descriptions.Item>
              {region.synthetic && (
                <Descriptions.Item label={t('regions.source')}>
                  <Tag>{t('regions.synthetic')}</Tag>
                </Descriptions.Item>
              )}
              {canReadPersons && (
                <Descriptions.Item label={t('nav.persons')}>
                  <Link to={`/persons?region=${region.code}`}>{t('regions.personsHere')}</Link>
                </Descriptions.Item>
              )}
            </Descriptions>
          )}
        </Card>
      </Col>
    </Row>
  )
}
