/** The form-level messages: errors in role="alert" (announced at once), successes in role="status". */
export function FormAlert({ error, message }: { error?: string; message?: string }) {
  return (
    <>
      {error && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      )}
      {message && (
        <p
          role="status"
          className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800 dark:border-green-800 dark:bg-green-950 dark:text-green-200"
        >
          {message}
        </p>
      )}
    </>
  );
}
