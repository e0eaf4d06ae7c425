export const ru = {}
