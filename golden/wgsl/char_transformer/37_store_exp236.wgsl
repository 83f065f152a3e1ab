// store_exp236: computes %236 (char_transformer.cell:23)
// one thread per element of [T, B, T]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B * sizes.T * sizes.T) { return; }
  let i2 = id % sizes.T;
  let rest = id / sizes.T;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let masked232 = work_buf[460u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * sizes.T + i2];
  var row_max = -3.0e38;
  for (var j = 0u; j < sizes.T; j++) {
    let masked232_2 = work_buf[460u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * sizes.T + j];
    row_max = max(row_max, masked232_2);
  }
  var row_sum = 0.0;
  for (var j_2 = 0u; j_2 < sizes.T; j_2++) {
    let masked232_3 = work_buf[460u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * sizes.T + j_2];
    row_sum += exp(masked232_3 - row_max);
  }
  let logsumexp233 = (row_max + log(row_sum));
  let sub235 = (masked232 - logsumexp233);
  let exp236 = exp(sub235);
  work_buf[460u * sizes.B * sizes.T + 4u + 16u * sizes.B * sizes.T * sizes.T + ((i0) * sizes.B + i1) * sizes.T + i2] = exp236;
}
