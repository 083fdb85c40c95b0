// Placeholder until the lab lands: see test/lab.
export async function startLab() {
  throw new Error('the lab is not built yet');
}
