import { syntheticIdNumber } from '../../seed/synthetic/people';
it('perf', () => {
  let t = Date.now(); for (let i = 0; i < 200000; i++) syntheticIdNumber(i); console.log('200k ids ms', Date.now() - t);
  t = Date.now(); for (let i = 0; i < 200000; i++) syntheticIdNumber(i); console.log('200k ids again ms', Date.now() - t);
  console.log(String(syntheticIdNumber).slice(0, 300));
});
