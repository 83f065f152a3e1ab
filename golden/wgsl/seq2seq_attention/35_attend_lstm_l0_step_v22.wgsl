// attend_lstm_l0_step_v22: one time step of attend_lstm_l0: %22 (seq2seq_attention.cell:42)
// one thread per element of [B, S]

struct Sizes { S: u32, T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B * sizes.S) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % sizes.S;
  let rest = id / sizes.S;
  let i0 = rest;
  var scores = 0.0;
  for (var k = 0u; k < 64u; k++) {
    let mul20 = work_buf[324u * sizes.B * sizes.S + 72u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + ((i0) * sizes.S + i1) * 64u + k];
    scores += mul20;
  }
  let mask = work_buf[392u * sizes.B * sizes.S + 392u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + i0 * sizes.S + i1];
  let masked22 = select(-1.0000000150474662e+30, scores, mask > 0.5);
  work_buf[388u * sizes.B * sizes.S + 392u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + i0 * sizes.S + i1] = masked22;
}
