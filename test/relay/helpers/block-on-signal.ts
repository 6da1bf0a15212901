// Preloaded into a relay process by the watchdog test (node --import): SIGUSR2 blocks the event
// loop for good, as a runaway computation would. Nothing of this is in the relay itself.
process.on('SIGUSR2', () => {
  for (;;) {
    // Spin.
  }
})
