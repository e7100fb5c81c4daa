import type { Key, ReactNode } from "react";
import { TableRegion } from "./table-region.tsx";

/** A column heading; a number column's heading is aligned like its cells. */
export type DataColumn = string | { label: string; number: true };

export type DataTableProps<T> = {
  /** The table's caption and the name of its scrolling region. */
  caption: string;
  /** Leaves the `<caption>` out where a heading just above already says it; the region keeps the name. */
  noCaption?: boolean;
  className?: string;
  columns: readonly DataColumn[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => Key;
  rowClassName?: (row: T) => string | undefined;
  /** Shown instead of the table when there are no rows; without it the empty table is shown. */
  empty?: ReactNode;
  /** The cells of one row (`<th scope="row">` / `<td>`). */
  children: (row: T, index: number) => ReactNode;
};

/** A table of rows with column headings, in a region that scrolls sideways on small screens. */
export function DataTable<T>({
  caption,
  noCaption,
  className,
  columns,
  rows,
  rowKey,
  rowClassName,
  empty,
  children,
}: DataTableProps<T>) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  return (
    <TableRegion label={caption}>
      <table className={className}>
        {noCaption ? null : <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === "string" ? (
                <th scope="col" key={column}>
                  {column}
                </th>
              ) : (
                <th scope="col" className="number" key={column.label}>
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)} className={rowClassName?.(row)}>
              {children(row, index)}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
