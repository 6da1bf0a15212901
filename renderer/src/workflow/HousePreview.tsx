import { useEffect, useRef } from 'react'
import { houseCss } from '../../../shared/export/index.ts'

/**
 * A paper in the house style, as the exports have it, inside a shadow root so the house CSS
 * styles only this page. The HTML comes from shared/export, which escapes every text it writes.
 */
export function HousePreview(props: { html: string; title: string }) {
  const host = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = host.current
    if (element === null) return
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' })
    // In a shadow root the page is the wrapper, not <body>.
    const css = houseCss({ footer: props.title, screen: false }).replace(/\bbody\{/g, '.page{')
    root.innerHTML = `<style>${css}
.page{padding:40px 56px;background:#fff}
ins,.ins{color:#17603d;background:#e3f2ea;text-decoration:underline}
del,.del{color:#a8241c;text-decoration:line-through}</style><div class="page">${props.html}</div>`
  }, [props.html, props.title])
  return <div ref={host} className="house-preview" />
}
