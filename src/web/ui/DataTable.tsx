// A plain accessible table with optional client-side sorting and expandable rows.
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** When present the column can be sorted by this value. */
  sortValue?: (row: T) => string | number | null;
  className?: string;
}

interface DataTableProps<T> {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  emptyText?: string;
  rowClassName?: (row: T) => string | undefined;
  /** Rendered under a row when it returns content (e.g. an expanded diff). */
  renderExpanded?: (row: T) => ReactNode;
  captionHidden?: boolean;
}

export function DataTable<T>({ caption, columns, rows, rowKey, emptyText, rowClassName, renderExpanded, captionHidden = true }: DataTableProps<T>) {
  const { t, i18n } = useTranslation();
  const [sort, setSort] = useState<{ key: string; direction: 1 | -1 } | null>(null);

  const sorted = useMemo(() => {
    const column = sort && columns.find((c) => c.key === sort.key);
    if (!sort || !column?.sortValue) return rows;
    const collator = new Intl.Collator(i18n.language, { numeric: true, sensitivity: 'base' });
    const value = column.sortValue;
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return order * sort.direction;
    });
  }, [rows, sort, columns, i18n.language]);

  function onSort(key: string) {
    setSort((current) => (current?.key === key ? { key, direction: current.direction === 1 ? -1 : 1 } : { key, direction: 1 }));
  }

  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const direction = sort?.key === column.key ? sort.direction : 0;
              return (
                <th key={column.key} scope="col" className={column.className}
                  aria-sort={direction === 1 ? 'ascending' : direction === -1 ? 'descending' : undefined}>
                  {column.sortValue ? (
                    <button type="button" className="sort-button" onClick={() => onSort(column.key)}
                      title={t('common.sortBy', { column: column.header })}>
                      {column.header}<span aria-hidden="true">{direction === 1 ? ' ▲' : direction === -1 ? ' ▼' : ''}</span>
                    </button>
                  ) : column.header}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 && (
            <tr><td colSpan={columns.length} className="empty-cell">{emptyText ?? t('state.empty')}</td></tr>
          )}
          {sorted.map((row) => {
            const expanded = renderExpanded?.(row);
            return (
              <Fragment key={rowKey(row)}>
                <tr className={rowClassName?.(row)}>
                  {columns.map((column) => <td key={column.key} className={column.className}>{column.render(row)}</td>)}
                </tr>
                {expanded ? <tr className="expanded-row"><td colSpan={columns.length}>{expanded}</td></tr> : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
