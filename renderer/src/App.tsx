import { templateHeadings } from '../../shared/model/template.ts'

/** The first screen: what a new position paper holds. The library and editor come next. */
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', margin: '3rem auto', maxWidth: '40rem' }}>
      <h1>Samstemt</h1>
      <p>Posisjonsnotater, skrevet i fellesskap. Et nytt notat har disse delene:</p>
      <ol>
        {templateHeadings('nb').map((heading) => (
          <li key={heading}>{heading}</li>
        ))}
      </ol>
    </main>
  )
}
