import { data } from '@remix-run/node'

// Any other address: a 404 that the root's error page shows. Without this route no loader runs for
// an unknown address, so the page had no reader: English whatever their language, and "Sign in"
// in the header of a signed-in person.
export function loader() {
  throw data(null, { status: 404 })
}

export function action() {
  throw data(null, { status: 404 })
}

export default function NotFound() {
  return null
}
