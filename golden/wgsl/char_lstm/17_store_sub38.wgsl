// store_sub38: computes %38 (char_lstm.cell:37)
// one thread per element of [T, B]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B * sizes.T) { return; }
  let i1 = id % sizes.B;
  let rest = id / sizes.B;
  let i0 = rest;
  var row_max = -3.0e38;
  for (var j = 0u; j < 65u; j++) {
    let logits = work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + ((i0) * sizes.B + i1) * 65u + j];
    row_max = max(row_max, logits);
  }
  var row_sum = 0.0;
  for (var j_2 = 0u; j_2 < 65u; j_2++) {
    let logits_2 = work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + ((i0) * sizes.B + i1) * 65u + j_2];
    row_sum += exp(logits_2 - row_max);
  }
  let logsumexp36 = (row_max + log(row_sum));
  let targets = work_buf[4u * sizes.B * sizes.T + i0 * sizes.B + i1];
  let logits_3 = work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + ((i0) * sizes.B + i1) * 65u + u32(targets)];
  let sub38 = (logsumexp36 - logits_3);
  work_buf[76u * sizes.B * sizes.T + 4096u * sizes.B + 4u + i0 * sizes.B + i1] = sub38;
}
