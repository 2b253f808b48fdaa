/** The consents feature as other features see it (docs/architecture.md): its module and its queries. */
export { ConsentsModule } from './consents.module.js';
export { consentCoverage, consentCoverages, type ConsentCoverage } from './consent-gate.js';
