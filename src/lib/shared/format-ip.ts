// An IP address as the Devices and activity lists show it. What a person reads should name the place, not a
// protocol detail: a loopback address is this computer (a development server), and an IPv4 address that a
// dual-stack socket reports in its IPv6 form ("::ffff:203.0.113.9") is shown as the IPv4 address it is.
const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

export function formatIp(ip: string): string {
  const plain = MAPPED_IPV4.exec(ip)?.[1] ?? ip;
  if (plain === "::1" || /^127\./.test(plain)) return `this computer (${plain})`;
  return plain;
}
