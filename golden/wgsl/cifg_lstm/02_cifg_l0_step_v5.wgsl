// cifg_l0_step_v5: one time step of cifg_l0: %5 (cifg_lstm.cell:13)
// one thread per element of [B, 30]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 30u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 30u;
  let rest = id / 30u;
  let i0 = rest;
  var concat5: f32;
  if (i1 < 10u) {
    let x = work_buf[tau * 10u * sizes.B + i0 * 10u + i1 - 0u];
    concat5 = x;
  } else {
    let h = work_buf[32u * sizes.B * sizes.T + 100u * sizes.B + ((sizes.T - sizes.step) % 2u) * 20u * sizes.B + i0 * 20u + i1 - 10u];
    concat5 = h;
  }
  work_buf[32u * sizes.B * sizes.T + 180u * sizes.B + i0 * 30u + i1] = concat5;
}
