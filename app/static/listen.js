// Read aloud (issue 16): the Listen button of app/templates/respond/_listen.html speaks the page
// with the browser's own speech synthesis, in the page's language (<html lang>). Nothing leaves
// the device. Without speechSynthesis the button stays hidden: progressive enhancement.
//
// Browsers refuse to speak before a person has touched the page, so a variant that reads aloud
// by default (data-gt-listen-auto) starts after the first tap or key press anywhere on the page
// that is not itself an answer, link or button. Pressing Stop turns that off for the rest of
// the visit (sessionStorage: nothing about it is sent to us).

const OFF_KEY = 'gt-listen-off'
const box = document.querySelector('[data-gt-listen]')

function pageText () {
  if (box.dataset.gtListenText) return box.dataset.gtListenText
  const main = document.querySelector('main') || document.body
  const parts = []
  // A check page's questions and answers too (not its Change links); never the language list
  // or other navigation, which would be read in the wrong voice.
  const read = 'h1, h2, p, li, .govuk-warning-text__text, .govuk-summary-list__key, .govuk-summary-list__value'
  for (const node of main.querySelectorAll(read)) {
    if (box.contains(node) || node.closest('[hidden], nav')) continue
    const text = node.innerText.trim()
    if (text) parts.push(text)
  }
  return parts.join('. ')
}

function autoOff () {
  try { return window.sessionStorage.getItem(OFF_KEY) === '1' } catch (e) { return false }
}

function setAutoOff (off) {
  try {
    if (off) window.sessionStorage.setItem(OFF_KEY, '1')
    else window.sessionStorage.removeItem(OFF_KEY)
  } catch (e) { /* storage blocked: reading aloud still works on this page */ }
}

function start (speech, play, stop, status) {
  speech.cancel()
  const utterance = new window.SpeechSynthesisUtterance(pageText())
  utterance.lang = document.documentElement.lang || 'en'
  const finish = () => {
    box.classList.remove('gt-listen--speaking')
    stop.hidden = true
    play.hidden = false
    status.textContent = ''
  }
  utterance.onend = finish
  utterance.onerror = finish
  box.classList.add('gt-listen--speaking')
  play.hidden = true
  stop.hidden = false
  status.textContent = box.dataset.gtListenSpeaking
  speech.speak(utterance)
  stop.focus()
}

if (box && 'speechSynthesis' in window && 'SpeechSynthesisUtterance' in window) {
  const speech = window.speechSynthesis
  const play = box.querySelector('[data-gt-listen-play]')
  const stop = box.querySelector('[data-gt-listen-stop]')
  const status = box.querySelector('[data-gt-listen-status]')
  box.hidden = false
  play.addEventListener('click', () => {
    setAutoOff(false)
    start(speech, play, stop, status)
  })
  stop.addEventListener('click', () => {
    setAutoOff(true)
    speech.cancel()
    box.classList.remove('gt-listen--speaking')
    stop.hidden = true
    play.hidden = false
    status.textContent = box.dataset.gtListenStopped
    play.focus()
  })
  // A new page should not carry on reading the last one.
  window.addEventListener('pagehide', () => speech.cancel())
  if (box.hasAttribute('data-gt-listen-auto') && !autoOff()) {
    const firstTouch = (event) => {
      // An answer, link or button does its own thing (an answer may leave the page).
      if (event.target.closest && event.target.closest('a, button, input, label, textarea, select')) return
      document.removeEventListener('pointerdown', firstTouch, true)
      document.removeEventListener('keydown', firstTouch, true)
      start(speech, play, stop, status)
    }
    document.addEventListener('pointerdown', firstTouch, true)
    document.addEventListener('keydown', firstTouch, true)
  } else {
    status.textContent = ''
  }
}
