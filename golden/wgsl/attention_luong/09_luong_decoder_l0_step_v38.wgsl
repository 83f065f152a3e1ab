// luong_decoder_l0_step_v38: one time step of luong_decoder_l0: %38 (attention_luong.cell:31)
// one thread per element of [B, S, 16]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 16u * sizes.B * sizes.S) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i2 = id % 16u;
  let rest = id / 16u;
  let i1 = rest % sizes.S;
  let rest_2 = rest / sizes.S;
  let i0 = rest_2;
  let masked32 = work_buf[120u * sizes.B * sizes.T + 33u * sizes.B * sizes.S + 145u * sizes.B + sizes.B * sizes.S * sizes.T + i0 * sizes.S + i1];
  var row_max = -3.0e38;
  for (var j = 0u; j < sizes.S; j++) {
    let masked32_2 = work_buf[120u * sizes.B * sizes.T + 33u * sizes.B * sizes.S + 145u * sizes.B + sizes.B * sizes.S * sizes.T + i0 * sizes.S + j];
    row_max = max(row_max, masked32_2);
  }
  var row_sum = 0.0;
  for (var j_2 = 0u; j_2 < sizes.S; j_2++) {
    let masked32_3 = work_buf[120u * sizes.B * sizes.T + 33u * sizes.B * sizes.S + 145u * sizes.B + sizes.B * sizes.S * sizes.T + i0 * sizes.S + j_2];
    row_sum += exp(masked32_3 - row_max);
  }
  let logsumexp33 = (row_max + log(row_sum));
  let sub35 = (masked32 - logsumexp33);
  let alpha = exp(sub35);
  let memory = work_buf[72u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 33u * sizes.B + ((i0) * sizes.S + i1) * 16u + i2];
  let mul38 = (alpha * memory);
  work_buf[120u * sizes.B * sizes.T + 34u * sizes.B * sizes.S + 145u * sizes.B + sizes.B * sizes.S * sizes.T + ((i0) * sizes.S + i1) * 16u + i2] = mul38;
}
