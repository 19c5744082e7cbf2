import { Button, Input, Select } from "@/app/_components/ui";

/** A plain GET form: the filters live in the URL, so a filtered dashboard can be bookmarked and shared. */
export function FiltersForm({ from, to, user, people }: { from: string; to: string; user: string; people: { id: string; name: string }[] }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filters">
      <label className="flex flex-col text-sm">
        <span className="text-slate-700">From</span>
        <Input type="date" name="from" defaultValue={from} />
      </label>
      <label className="flex flex-col text-sm">
        <span className="text-slate-700">To</span>
        <Input type="date" name="to" defaultValue={to} />
      </label>
      <label className="flex flex-col text-sm">
        <span className="text-slate-700">Person</span>
        <Select name="user" defaultValue={user}>
          <option value="">Everyone</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </label>
      <Button type="submit">Apply</Button>
    </form>
  );
}
