// Files made in the page reach the disk through the browser's own download:
// a Blob behind an object URL and a link with `download`. Under the console's
// CSP nothing else is needed: no data: URL, no inline script, no server round trip.

/** Offers `text` as a file named `filename`. */
export function download(filename: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cut a download that has not started reading the blob yet.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
