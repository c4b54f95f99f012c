import { cloneElement, Fragment, isValidElement, type ReactElement, type ReactNode } from 'react';

/**
 * The app's children with every page element given a new `catalogs` prop, so each mounted page renders
 * again in place (state kept, nothing refetched) and its t() calls pick up a catalog that has just arrived.
 * Taro hands the app its pages as an array (weapp) or a fragment around one (H5); keys stay as they are.
 */
export function redrawPages(children: ReactNode, catalogs: number): ReactNode {
  const touch = (node: ReactNode): ReactNode => {
    if (Array.isArray(node)) return node.map(touch);
    if (!isValidElement<{ children?: ReactNode }>(node)) return node;
    if (node.type === Fragment) return cloneElement(node, undefined, touch(node.props.children));
    return cloneElement(node as ReactElement<{ catalogs?: number }>, { catalogs });
  };
  return touch(children);
}
