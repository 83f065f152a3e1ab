// luong_decoder_l0_step_v40: one time step of luong_decoder_l0: %40, by parts (attention_luong.cell:27-31)
// one thread per element of [B, 16]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 16u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 16u;
  let rest = id / 16u;
  let i0 = rest;
  var context = 0.0;
  for (var k = 0u; k < sizes.S; k++) {
    let mul38 = work_buf[120u * sizes.B * sizes.T + 34u * sizes.B * sizes.S + 145u * sizes.B + sizes.B * sizes.S * sizes.T + ((i0) * sizes.S + k) * 16u + i1];
    context += mul38;
  }
  work_buf[120u * sizes.B * sizes.T + 50u * sizes.B * sizes.S + 145u * sizes.B + sizes.B * sizes.S * sizes.T + i0 * 32u + i1 + 0u] = context;
  let h_next = work_buf[72u * sizes.B * sizes.T + 33u * sizes.B * sizes.S + 33u * sizes.B + write_slot * 16u * sizes.B + i0 * 16u + i1];
  work_buf[120u * sizes.B * sizes.T + 50u * sizes.B * sizes.S + 145u * sizes.B + sizes.B * sizes.S * sizes.T + i0 * 32u + i1 + 16u] = h_next;
}
