export default function Page() {
  return <p>The bare app: see README.md.</p>;
}
