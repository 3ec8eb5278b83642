/**
 * Run apart, in a fresh process (a test runner's own allocations would blur the count): draws the
 * same chart as a 1200 px PNG again and again, and prints the page faults of each picture as JSON.
 */
import { createNodeRasterizer } from '../../src/adapters/raster-node';
import { loadInput, nodeRenderer } from './inputs';

const { renderer } = await nodeRenderer();
const svg = await renderer.chartSvg(await loadInput('75'), 'export');
const rasterizer = createNodeRasterizer();
for (let round = 0; round < 4; round++) await rasterizer.toPng(svg, 1200);
const faults: number[] = [];
for (let round = 0; round < 15; round++) {
  const before = process.resourceUsage().minorPageFault;
  await rasterizer.toPng(svg, 1200);
  faults.push(process.resourceUsage().minorPageFault - before);
}
process.stdout.write(JSON.stringify(faults));
