// additive_decoder_l0_step_v22: one time step of additive_decoder_l0: %22 (attention_bahdanau.cell:23)
// one thread per element of [B, S]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
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
  for (var k = 0u; k < 10u; k++) {
    let mul20 = work_buf[24u * sizes.B * sizes.T + 36u * sizes.B * sizes.S + 84u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + ((i0) * sizes.S + i1) * 10u + k];
    scores += mul20;
  }
  let mask = work_buf[24u * sizes.B * sizes.T + 60u * sizes.B * sizes.S + 84u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + i0 * sizes.S + i1];
  let masked22 = select(-1.0000000150474662e+30, scores, mask > 0.5);
  work_buf[24u * sizes.B * sizes.T + 64u * sizes.B * sizes.S + 84u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + i0 * sizes.S + i1] = masked22;
}
