// attend_lstm_l0_step_v30: one time step of attend_lstm_l0: %30 (seq2seq_attention.cell:44)
// one thread per element of [B, 160]

struct Sizes { S: u32, T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 160u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 160u;
  let rest = id / 160u;
  let i0 = rest;
  var concat30: f32;
  if (i1 < 32u) {
    let y = work_buf[260u * sizes.B * sizes.S + 8u * sizes.B + 24u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + tau * 32u * sizes.B + i0 * 32u + i1 - 0u];
    concat30 = y;
  } else {
    var context = 0.0;
    for (var k = 0u; k < sizes.S; k++) {
      let mul28 = work_buf[4u * sizes.B * sizes.S + 8u * sizes.B + 24u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + ((i0) * sizes.S + k) * 128u + i1 - 32u];
      context += mul28;
    }
    concat30 = context;
  }
  work_buf[396u * sizes.B * sizes.S + 648u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + i0 * 160u + i1] = concat30;
}
