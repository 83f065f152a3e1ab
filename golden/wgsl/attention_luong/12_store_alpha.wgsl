// store_alpha: computes alpha (attention_luong.cell:30)
// one thread per element of [T, B, S]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B * sizes.S * sizes.T) { return; }
  let i2 = id % sizes.S;
  let rest = id / sizes.S;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let masked24 = work_buf[24u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 132u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + ((i0) * sizes.B + i1) * sizes.S + i2];
  var row_max = -3.0e38;
  for (var j = 0u; j < sizes.S; j++) {
    let masked24_2 = work_buf[24u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 132u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + ((i0) * sizes.B + i1) * sizes.S + j];
    row_max = max(row_max, masked24_2);
  }
  var row_sum = 0.0;
  for (var j_2 = 0u; j_2 < sizes.S; j_2++) {
    let masked24_3 = work_buf[24u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 132u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + ((i0) * sizes.B + i1) * sizes.S + j_2];
    row_sum += exp(masked24_3 - row_max);
  }
  let logsumexp25 = (row_max + log(row_sum));
  let sub27 = (masked24 - logsumexp25);
  let alpha = exp(sub27);
  work_buf[8u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 100u * sizes.B + ((i0) * sizes.B + i1) * sizes.S + i2] = alpha;
}
