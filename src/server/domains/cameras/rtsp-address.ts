// Camera addresses carry credentials (rtsp://user:password@host/…): these keep them out of anything that leaves
// the server — API answers, audit rows, logs and error messages.

/** The address without user and password, e.g. rtsp://10.1.2.3:554/Streaming/Channels/101. */
export function addressWithoutCredentials(rtspUrl: string): string {
  try {
    const url = new URL(rtspUrl);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return redactCredentials(rtspUrl);
  }
}

export function hasCredentials(rtspUrl: string): boolean {
  try {
    const url = new URL(rtspUrl);
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}

/** Replaces the user-info part of any URL in a text (ffmpeg's messages quote the address it opened). */
export function redactCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1***@');
}
