import { packPdfBytes, type PackPdfOptions } from '../app/meetings/pdf.server'
import type { MeetingPack } from '../app/meetings/pack.server'

// A meeting pack's PDF laid out in the server's PDF thread (server/pdf-thread.ts, decision 0058):
// piscina calls this with the pack the request read and hands the bytes back to it.

export default async function renderPack(task: {
  pack: MeetingPack
  options: PackPdfOptions
}): Promise<Uint8Array> {
  return packPdfBytes(task.pack, task.options)
}
