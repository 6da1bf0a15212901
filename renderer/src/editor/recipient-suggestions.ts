/** Decision makers partners often write to, offered while typing a recipient (proper names). */
export const RECIPIENT_SUGGESTIONS: readonly string[] = [
  'EU Mission Board for Climate-Neutral and Smart Cities',
  'Urban Agenda Partnership',
  'EIP Smart Cities and Communities',
  'European Commission, DG RTD',
  'European Commission, DG REGIO',
  'ERRIN',
  'EUROCITIES',
  'European University Association',
  'Kunnskapsdepartementet',
  'Kommunal- og distriktsdepartementet',
]
