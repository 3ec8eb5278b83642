/** Collects the app's log records, and checks each one survives the JSON line the entries write. */
export function memoryLogger() {
  const records: Record<string, unknown>[] = [];
  return {
    records,
    log(record: Record<string, unknown>) {
      records.push(JSON.parse(JSON.stringify(record)) as Record<string, unknown>);
    },
  };
}
