// attend_lstm_l0_step_2: one time step of attend_lstm_l0: context (seq2seq_attention.cell:43)
// one thread per element of [B, 128]

struct Sizes { S: u32, T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 128u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 128u;
  let rest = id / 128u;
  let i0 = rest;
  var context = 0.0;
  for (var k = 0u; k < sizes.S; k++) {
    let mul28 = work_buf[4u * sizes.B * sizes.S + 8u * sizes.B + 24u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + ((i0) * sizes.S + k) * 128u + i1];
    context += mul28;
  }
  work_buf[260u * sizes.B * sizes.S + 8u * sizes.B + 216u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + tau * 128u * sizes.B + i0 * 128u + i1] = context;
}
