// attend_lstm_l0_step_v28: one time step of attend_lstm_l0: %28 (seq2seq_attention.cell:43)
// one thread per element of [B, S, 128]

struct Sizes { S: u32, T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 128u * sizes.B * sizes.S) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i2 = id % 128u;
  let rest = id / 128u;
  let i1 = rest % sizes.S;
  let rest_2 = rest / sizes.S;
  let i0 = rest_2;
  let masked22 = work_buf[388u * sizes.B * sizes.S + 392u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + i0 * sizes.S + i1];
  var row_max = -3.0e38;
  for (var j = 0u; j < sizes.S; j++) {
    let masked22_2 = work_buf[388u * sizes.B * sizes.S + 392u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + i0 * sizes.S + j];
    row_max = max(row_max, masked22_2);
  }
  var row_sum = 0.0;
  for (var j_2 = 0u; j_2 < sizes.S; j_2++) {
    let masked22_3 = work_buf[388u * sizes.B * sizes.S + 392u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + i0 * sizes.S + j_2];
    row_sum += exp(masked22_3 - row_max);
  }
  let logsumexp23 = (row_max + log(row_sum));
  let sub25 = (masked22 - logsumexp23);
  let alpha = exp(sub25);
  let memory = work_buf[132u * sizes.B * sizes.S + 8u * sizes.B + 24u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + ((i0) * sizes.S + i1) * 128u + i2];
  let mul28 = (alpha * memory);
  work_buf[4u * sizes.B * sizes.S + 8u * sizes.B + 24u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + ((i0) * sizes.S + i1) * 128u + i2] = mul28;
}
