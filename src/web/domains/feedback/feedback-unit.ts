// The unit a feedback figure page starts from: ?unit=, else the user's scope, or for a country-wide scope the
// province (Đồng Nai '75' in the demo, else the first one).
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { UnitTreeNode } from '../../../shared/contracts/units.js';
import { useSession } from '../../app/auth.js';
import { useAsOf, useSelectedUnit } from '../../app/url-state.js';
import { findTreeNode } from '../../ui/UnitTreePicker.js';
import { unitTreeQuery } from '../units/units.api.js';

function startUnit(roots: UnitTreeNode[], scopeUnitId: string): UnitTreeNode | null {
  const scope = findTreeNode(roots, scopeUnitId) ?? roots[0] ?? null;
  if (scope?.type !== 'country') return scope;
  return scope.children.find((c) => c.code === '75') ?? scope.children[0] ?? scope;
}

export function useFeedbackUnit() {
  const session = useSession();
  const { asOf } = useAsOf();
  const [unitParam, setUnit] = useSelectedUnit();
  const tree = useQuery(unitTreeQuery(asOf));
  const roots = useMemo(() => tree.data?.roots ?? [], [tree.data]);
  const fallback = useMemo(() => startUnit(roots, session.user.scopeUnitId), [roots, session.user.scopeUnitId]);
  const selected = unitParam ? findTreeNode(roots, unitParam) : fallback;
  return { tree, roots, asOf, unitId: unitParam ?? fallback?.id ?? '', unitName: selected?.name ?? '', setUnit };
}
