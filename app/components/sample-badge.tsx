/** The "Sample data" badge shown beside demo organizations and their services. */
export function SampleBadge({ label, hint }: { label: string; hint: string }) {
  return (
    <>
      {' '}
      <span className="badge" title={hint}>
        {label}
      </span>
    </>
  );
}
