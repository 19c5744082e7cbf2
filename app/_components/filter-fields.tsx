// The fields of the plain GET filter forms (quality dashboard, audit log): the filters live in the URL.
import type { ReactNode } from "react";
import { Input, Select } from "@/app/_components/ui";

export function FilterField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex flex-col text-sm">
      <span className="text-slate-700">{label}</span>
      {children}
    </label>
  );
}

/** "Person": everyone, or one of the project's people. */
export function PersonFilter({ name, defaultValue, people }: { name: string; defaultValue: string; people: { id: string; name: string }[] }) {
  return (
    <FilterField label="Person">
      <Select name={name} defaultValue={defaultValue}>
        <option value="">Everyone</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </Select>
    </FilterField>
  );
}

/** "From" and "To" dates (yyyy-mm-dd) as the `from` and `to` parameters. */
export function DateRangeFilter({ from, to }: { from: string; to: string }) {
  return (
    <>
      <FilterField label="From">
        <Input type="date" name="from" defaultValue={from} />
      </FilterField>
      <FilterField label="To">
        <Input type="date" name="to" defaultValue={to} />
      </FilterField>
    </>
  );
}
