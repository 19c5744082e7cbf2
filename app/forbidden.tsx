import Link from "next/link";

export default function Forbidden() {
  return (
    // A <div>, not <main>: inside the app this renders within the layout's <main> (one main landmark per page).
    <div className="mx-auto max-w-lg px-6 py-24 text-center">
      <title>No access · SRT Studio</title>
      <p className="text-sm font-semibold text-brand-600">403</p>
      <h1 className="mt-2 text-2xl font-bold">You don&apos;t have access to this page</h1>
      <p className="mt-3 text-slate-600">Your role or project membership does not allow it. Ask an admin if you need access.</p>
      <Link href="/projects" className="mt-6 inline-block text-brand-600 underline">
        Back to projects
      </Link>
    </div>
  );
}
