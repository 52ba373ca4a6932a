/** A table's column headings, each a `th scope="col"`, so screen readers announce them with every cell. */
export function ColumnHeads({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th scope="col">{c}</th>
        ))}
      </tr>
    </thead>
  );
}
