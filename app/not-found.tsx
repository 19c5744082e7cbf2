import Link from "next/link";

export default function NotFound() {
  return (
    // A <div>, not <main>: inside the app this renders within the layout's <main> (one main landmark per page).
    <div className="mx-auto max-w-lg px-6 py-24 text-center">
      <title>Not found · SRT Studio</title>
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-bold">Not found</h1>
      <p className="mt-3 text-slate-600">It does not exist, or you are not a member of its project.</p>
      <Link href="/projects" className="mt-6 inline-block text-brand-600 underline">
        Back to projects
      </Link>
    </div>
  );
}
