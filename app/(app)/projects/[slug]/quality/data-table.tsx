import { formatCell, type Table } from "@/lib/quality/tables";

/** A dashboard table, with its CSV download (same rows, same filters). */
export function DataTable({ table, csvHref }: { table: Table; csvHref: string }) {
  return (
    <div className="mt-4">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" aria-label={table.title}>
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              {table.columns.map((c) => (
                <th key={c.key} scope="col" className="whitespace-nowrap px-2 py-1 font-medium">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i} className="border-b border-slate-100 last:border-0">
                {table.columns.map((c) => (
                  <td key={c.key} className={`px-2 py-1 ${typeof row[c.key] === "number" ? "tabular-nums" : ""}`}>
                    {formatCell(row[c.key] ?? null, c.format)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <a href={csvHref} className="mt-2 inline-block text-sm text-brand-700 underline" download>
        Download CSV
      </a>
    </div>
  );
}
