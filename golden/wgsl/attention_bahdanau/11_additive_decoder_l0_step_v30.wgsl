// additive_decoder_l0_step_v30: one time step of additive_decoder_l0: %30 (attention_bahdanau.cell:25)
// one thread per element of [B, 20]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 20u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 20u;
  let rest = id / 20u;
  let i0 = rest;
  var concat30: f32;
  if (i1 < 8u) {
    let x = work_buf[tau * 8u * sizes.B + i0 * 8u + i1 - 0u];
    concat30 = x;
  } else {
    var context = 0.0;
    for (var k = 0u; k < sizes.S; k++) {
      let mul28 = work_buf[24u * sizes.B * sizes.T + 48u * sizes.B * sizes.S + 84u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + ((i0) * sizes.S + k) * 12u + i1 - 8u];
      context += mul28;
    }
    concat30 = context;
  }
  work_buf[24u * sizes.B * sizes.T + 68u * sizes.B * sizes.S + 256u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + i0 * 20u + i1] = concat30;
}
