// attend_l0_head0_step_v18: one time step of attend_l0_head0: %18 (multihead_attention.cell:14)
// one thread per element of [B, T, 4]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 4u * sizes.B * sizes.T) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i2 = id % 4u;
  let rest = id / 4u;
  let i1 = rest % sizes.T;
  let rest_2 = rest / sizes.T;
  let i0 = rest_2;
  let masked12 = work_buf[73u * sizes.B * sizes.T + sizes.B + sizes.T * sizes.T + i0 * sizes.T + i1];
  var row_max = -3.0e38;
  for (var j = 0u; j < sizes.T; j++) {
    let masked12_2 = work_buf[73u * sizes.B * sizes.T + sizes.B + sizes.T * sizes.T + i0 * sizes.T + j];
    row_max = max(row_max, masked12_2);
  }
  var row_sum = 0.0;
  for (var j_2 = 0u; j_2 < sizes.T; j_2++) {
    let masked12_3 = work_buf[73u * sizes.B * sizes.T + sizes.B + sizes.T * sizes.T + i0 * sizes.T + j_2];
    row_sum += exp(masked12_3 - row_max);
  }
  let logsumexp13 = (row_max + log(row_sum));
  let sub15 = (masked12 - logsumexp13);
  let alpha = exp(sub15);
  let v = work_buf[65u * sizes.B * sizes.T + sizes.B + sizes.T * sizes.T + ((i0) * sizes.T + i1) * 4u + i2];
  let mul18 = (alpha * v);
  work_buf[74u * sizes.B * sizes.T + sizes.B + sizes.T * sizes.T + ((i0) * sizes.T + i1) * 4u + i2] = mul18;
}
