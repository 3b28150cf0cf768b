// Help the deeper safeguarding check raised while the young person is on this page (issue 14,
// app/safeguarding/deep_check.py). The page was rendered with the help in a <template>, because
// a check of an earlier answer may still be running on the queue; this asks every 3 seconds, for
// up to 90, whether it has raised that answer, and if so shows the help in place: nothing on
// the page is reloaded, so what they are typing stays. It then tells the server the help was
// shown, so the next page does not show it again. Without JavaScript the next page shows it.

const EVERY_MS = 3000
const FOR_MS = 90000
const slot = document.getElementById('deep-help-slot')
const template = document.getElementById('deep-help-template')

function show () {
  const banner = template.content.firstElementChild.cloneNode(true)
  slot.replaceWith(banner)
  const active = document.activeElement
  const typing = active && active.matches('input, textarea, select')
  // role="alert" announces it; focus moves to it unless that would pull them out of an answer.
  if (!typing) banner.focus()
  window.fetch(slot.dataset.gtDeepCheckSeen, {
    method: 'POST',
    headers: { 'X-CSRFToken': slot.dataset.gtCsrf },
    credentials: 'same-origin'
  }).catch(() => { /* not recorded: the next page shows the help again, which is safe */ })
}

async function ask () {
  const reply = await window.fetch(slot.dataset.gtDeepCheck, {
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
    cache: 'no-store'
  })
  if (!reply.ok) return false
  const state = await reply.json()
  if (state.help) {
    show()
    return false
  }
  return state.pending
}

if (slot && template) {
  const until = Date.now() + FOR_MS
  const next = () => {
    if (Date.now() >= until) return
    window.setTimeout(() => {
      ask().then((again) => { if (again) next() }, () => next())
    }, EVERY_MS)
  }
  next()
}
