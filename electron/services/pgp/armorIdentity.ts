/**
 * What makes two pastes of an armored block "the same message": its base64 body, without the
 * armor headers (Comment:, Version:), the CRC line and the line breaks, which differ between
 * tools, mail clients and copy-paste while the packets stay byte for byte the same.
 */
export function armorIdentity(armored: string): string {
  const lines = armored.replace(/\r\n?/g, '\n').split('\n');
  const begin = lines.findIndex((line) => line.startsWith('-----BEGIN '));
  const end = lines.findIndex((line, index) => index > begin && line.startsWith('-----END '));
  const inner = lines.slice(begin + 1, end < 0 ? undefined : end);
  const blank = inner.findIndex((line) => line.trim() === '');
  const body = blank >= 0 ? inner.slice(blank + 1) : inner;
  return body
    .filter((line) => !/^=[A-Za-z0-9+/]{4}$/.test(line.trim()))
    .join('')
    .replace(/\s/g, '');
}
