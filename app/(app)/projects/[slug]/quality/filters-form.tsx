import { DateRangeFilter, PersonFilter } from "@/app/_components/filter-fields";
import { Button } from "@/app/_components/ui";

/** A plain GET form: the filters live in the URL, so a filtered dashboard can be bookmarked and shared. */
export function FiltersForm({ from, to, user, people }: { from: string; to: string; user: string; people: { id: string; name: string }[] }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filters">
      <DateRangeFilter from={from} to={to} />
      <PersonFilter name="user" defaultValue={user} people={people} />
      <Button type="submit">Apply</Button>
    </form>
  );
}
