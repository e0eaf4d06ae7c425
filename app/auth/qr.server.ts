import QRCode from 'qrcode'

/** A QR code as SVG markup, made on the server (no script, no image request, no inline style). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
}
